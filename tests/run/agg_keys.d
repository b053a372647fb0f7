/*
 * Aggregation keys of every integer size, signed and unsigned (printed
 * with their type's width; sorted by value, then by key as unsigned),
 * string keys and tuples mixing both.
 */
#pragma D option quiet

BEGIN
{
	@c[(char)-1] = count();
	@c[(char)65] = count();
	@uc[(unsigned char)255] = sum(2);
	@uc[(unsigned char)1] = sum(2);
	@s[(short)-300] = sum(5);
	@s[(short)300] = sum(6);
	@us[(unsigned short)65535] = sum(5);
	@i[-70000] = max(1);
	@i[70000] = max(2);
	@ui[(unsigned int)4000000000] = min(3);
	@l[(long)-5000000000] = avg(4);
	@l[(long)5000000000] = avg(8);
	@ul[(unsigned long)-2] = count();
	@ul[(unsigned long)3] = count();
	@str["alpha"] = count();
	@str["beta"] = count();
	@str["beta"] = count();
	@tup["x", 1, (char)2] = sum(100);
	@tup["x", 2, (char)1] = sum(100);
	@tup["y", -1, (char)-1] = sum(-100);
	@tup["a longer string key", 7, (char)0] = sum(0);
	exit(0);
}
