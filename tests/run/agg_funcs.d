/*
 * Every aggregating function without a key, printed at exit in quiet mode
 * (in the order the aggregations were declared): count, sum, avg, min,
 * max, stddev (DTrace's integer standard deviation), quantize,
 * lquantize with and without a step, llquantize, and negative values.
 */
#pragma D option quiet

BEGIN
{
	@count = count();
	@count = count();
	@count = count();
	@sum = sum(10);
	@sum = sum(-3);
	@avg = avg(1);
	@avg = avg(2);
	@avg = avg(6);
	@min = min(5);
	@min = min(-7);
	@min = min(3);
	@max = max(-5);
	@max = max(-2);
	@stddev = stddev(2);
	@stddev = stddev(4);
	@stddev = stddev(4);
	@stddev = stddev(4);
	@stddev = stddev(5);
	@stddev = stddev(5);
	@stddev = stddev(7);
	@stddev = stddev(9);
	@quantize = quantize(0);
	@quantize = quantize(1);
	@quantize = quantize(3);
	@quantize = quantize(3);
	@quantize = quantize(1000);
	@quantize = quantize(-8);
	@lq = lquantize(5, 0, 100, 10);
	@lq = lquantize(15, 0, 100, 10);
	@lq = lquantize(17, 0, 100, 10);
	@lq = lquantize(100, 0, 100, 10);
	@lq = lquantize(-1, 0, 100, 10);
	@lq1 = lquantize(2, 0, 5);
	@lq1 = lquantize(3, 0, 5);
	@lq1 = lquantize(3, 0, 5);
	@llq = llquantize(5, 10, 0, 3, 10);
	@llq = llquantize(50, 10, 0, 3, 10);
	@llq = llquantize(150, 10, 0, 3, 10);
	@llq = llquantize(5000, 10, 0, 3, 10);
	@llq = llquantize(20000, 10, 0, 3, 10);
	@weighted = quantize(4, 10);
	@weighted = quantize(4, 5);
	@weighted = quantize(64, 3);
	exit(0);
}
