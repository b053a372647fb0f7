# 12 "foo.d"
profile-97hz /cpu == 0/ { @[stack()] = count(); }
END { printa(@); }
