fault 1 at 0
fault 1 at 0
fault 1 at 68
curthread ok: 1
fault 1 at 0

