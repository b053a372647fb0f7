/* -xlinkmode=dynamic with -xkdefs rejects a kernel symbol reference */
#pragma D option linkmode=dynamic
#pragma D option kdefs
BEGIN { trace(`jiffies); }
