BEGIN { if (x > 1) { y = 2; } else { y = $1 + $$2; } z = `max_pfn; w = vmlinux`jiffies; }
