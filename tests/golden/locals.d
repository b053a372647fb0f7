/* golden: clause-local variables, arithmetic and a branch */
BEGIN
{
	this->a = 6;
	this->b = 7;
	x = this->a * this->b;
	x = x > 40 ? x - 40 : x;
	trace(x);
	exit(0);
}
