/* 100 nested additions keep 100 values live: more than 512 bytes of BPF stack */
BEGIN
{
	trace(
		timestamp * 2 + ( timestamp * 3 + ( timestamp * 4 + ( timestamp * 5 + ( timestamp * 6 + (
		timestamp * 7 + ( timestamp * 8 + ( timestamp * 9 + ( timestamp * 10 + ( timestamp * 11 + (
		timestamp * 12 + ( timestamp * 13 + ( timestamp * 14 + ( timestamp * 15 + ( timestamp * 16 + (
		timestamp * 17 + ( timestamp * 18 + ( timestamp * 19 + ( timestamp * 20 + ( timestamp * 21 + (
		timestamp * 22 + ( timestamp * 23 + ( timestamp * 24 + ( timestamp * 25 + ( timestamp * 26 + (
		timestamp * 27 + ( timestamp * 28 + ( timestamp * 29 + ( timestamp * 30 + ( timestamp * 31 + (
		timestamp * 32 + ( timestamp * 33 + ( timestamp * 34 + ( timestamp * 35 + ( timestamp * 36 + (
		timestamp * 37 + ( timestamp * 38 + ( timestamp * 39 + ( timestamp * 40 + ( timestamp * 41 + (
		timestamp * 42 + ( timestamp * 43 + ( timestamp * 44 + ( timestamp * 45 + ( timestamp * 46 + (
		timestamp * 47 + ( timestamp * 48 + ( timestamp * 49 + ( timestamp * 50 + ( timestamp * 51 + (
		timestamp * 52 + ( timestamp * 53 + ( timestamp * 54 + ( timestamp * 55 + ( timestamp * 56 + (
		timestamp * 57 + ( timestamp * 58 + ( timestamp * 59 + ( timestamp * 60 + ( timestamp * 61 + (
		timestamp * 62 + ( timestamp * 63 + ( timestamp * 64 + ( timestamp * 65 + ( timestamp * 66 + (
		timestamp * 67 + ( timestamp * 68 + ( timestamp * 69 + ( timestamp * 70 + ( timestamp * 71 + (
		timestamp * 72 + ( timestamp * 73 + ( timestamp * 74 + ( timestamp * 75 + ( timestamp * 76 + (
		timestamp * 77 + ( timestamp * 78 + ( timestamp * 79 + ( timestamp * 80 + ( timestamp * 81 + (
		timestamp * 82 + ( timestamp * 83 + ( timestamp * 84 + ( timestamp * 85 + ( timestamp * 86 + (
		timestamp * 87 + ( timestamp * 88 + ( timestamp * 89 + ( timestamp * 90 + ( timestamp * 91 + (
		timestamp * 92 + ( timestamp * 93 + ( timestamp * 94 + ( timestamp * 95 + ( timestamp * 96 + (
		timestamp * 97 + ( timestamp * 98 + ( timestamp * 99 + ( timestamp * 100 + ( timestamp * 101 + (
		timestamp)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
}
