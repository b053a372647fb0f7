/* empty printf() format */
BEGIN { printf(""); }
