# SPDX-License-Identifier: MIT
#
# ia32.s -- a 32-bit (ia32 compat) test program for the syscall provider
# (tests/run/syscall_compat.d), in assembly so that no multilib is needed:
# static, no libc, three int $0x80 syscalls and exit.  Its ia32 syscall
# numbers are x86-64 numbers of other syscalls (20 getpid = writev,
# 64 getppid = semget, 1 exit = write), which must not fire as those:
# like DTrace, dcc's syscall provider ignores 32-bit syscalls.
# Built with `as --32` and `ld -m elf_i386` (Makefile).

	.text
	.globl	_start
_start:
	movl	$20, %eax		# getpid()
	int	$0x80
	movl	$20, %eax		# getpid()
	int	$0x80
	movl	$64, %eax		# getppid()
	int	$0x80
	movl	$1, %eax		# exit(0)
	xorl	%ebx, %ebx
	int	$0x80
