/* clause-local variables cannot be associative arrays */
BEGIN { this->x[1] = 2; }
