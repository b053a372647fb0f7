BEGIN
{
	arr["a"] = 1;
	arr[1] = 2;
}
