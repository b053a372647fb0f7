/* the built-in variable execargs has no BPF implementation yet */
BEGIN { trace(execargs); }
