#pragma D option destructive
BEGIN { system("echo %d", 1); raise(0); stop(); exit(0); }
