/* character constant longer than 8 bytes */
BEGIN { trace('abcdefghi'); }
