# embed.awk -- turns the D library sources (dcc/dlib/*.d) into C: one
# string per file in dcc_dlib_files[] (see sema.h), in the order given.
# Usage: awk -f embed.awk a.d b.d ... > dlib.c
BEGIN {
	print "/* Generated from the D library sources dcc/dlib by dcc/dlib/embed.awk: do not edit. */"
	print "#include \"sema.h\""
	print ""
	print "const struct dcc_dlib_file dcc_dlib_files[] = {"
}
FNR == 1 {
	if (NR > 1)
		print "\t},"
	name = FILENAME
	sub(/.*\//, "", name)
	printf "\t{ \"%s\",\n", name
}
{
	line = $0
	gsub(/\\/, "\\\\", line)
	gsub(/"/, "\\\"", line)
	gsub(/\t/, "\\t", line)
	printf "\t  \"%s\\n\"\n", line
}
END {
	if (NR > 0)
		print "\t},"
	print "\t{ 0, 0 },"
	print "};"
}
