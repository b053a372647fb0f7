Hello, World!

