/* a kernel symbol referenced as a user symbol */
BEGIN { trace(vmlinux``jiffies); }
