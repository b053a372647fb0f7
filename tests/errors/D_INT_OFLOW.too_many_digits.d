/* integer constant beyond 64 bits */
BEGIN { trace(123456789012345678901234567890); }
