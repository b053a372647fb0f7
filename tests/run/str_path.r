[libc.so] [lib] [/] [f] [.]
[/usr/lib] [/usr] [/] [.] [.]
[/a/b/d] [/sys/foo] [../b]
[ABC-XYZ] [abc-xyz]

