pid$target::main:entry { trace(arg0); }
pid$target::main:return { trace(arg1); }
