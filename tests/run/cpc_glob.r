cpc:::cpu_clock-all-1000000000

