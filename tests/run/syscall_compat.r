execve:entry
from execve on: execve:entry 1
done

