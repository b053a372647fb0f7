/* pid probe names are entry, return or an offset in the function */
pid$target:a.out:main:beginning
{
}
