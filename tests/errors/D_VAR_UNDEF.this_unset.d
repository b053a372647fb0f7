/* a clause-local variable read before assignment */
BEGIN { trace(this->x); }
