# Makefile -- builds dcc (the D compiler), libdload and dload (the runtime),
# and dtrace (the dtrace-compatible front end), and runs the tests.
#
#   make            build everything into build/
#   make demo       install packages if missing, build, compile and run examples
#   make check      install packages if missing, build, run every test
#   make V=1        show the commands
#   make SAN=1      build with ASan+UBSan into build/san/

CC      ?= gcc
BISON   ?= bison
FLEX    ?= flex
PKGS    := libbpf libelf zlib

ifeq ($(SAN),1)
B       := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
B       := build
SANFLAGS :=
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
ALL_CFLAGS := $(CFLAGS) $(WARN) $(SANFLAGS) -std=gnu11 -fPIC -D_GNU_SOURCE \
	      -Iinclude -Idcc -I$(B)/gen $(PKG_CFLAGS)
LDLIBS  := $(PKG_LIBS) -lm

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-8s %s\n' $(1) $(2);
endif

# ---- sources ------------------------------------------------------------
DCC_SRCS    := $(filter-out dcc/main.c,$(wildcard dcc/*.c))
DCC_GEN     := $(B)/gen/parse.c $(B)/gen/lex.c
DLIB_SRCS   := $(sort $(wildcard dcc/dlib/*.d))
DCC_OBJS    := $(patsubst %.c,$(B)/obj/%.o,$(DCC_SRCS)) \
	       $(B)/obj/gen/parse.o $(B)/obj/gen/lex.o $(B)/obj/gen/dlib.o
LOADER_SRCS := $(filter-out loader/main.c,$(wildcard loader/*.c))
LOADER_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(LOADER_SRCS))
DTRACE_SRCS := $(wildcard dtrace/*.c)
DTRACE_OBJS := $(patsubst %.c,$(B)/obj/%.o,$(DTRACE_SRCS))

LIBDCC      := $(B)/libdcc.a
LIBDLOAD_A  := $(B)/libdload.a
LIBDLOAD_SO := $(B)/libdload.so
PCFILE      := $(B)/dload.pc

PROGS := $(B)/dcc $(B)/dload $(B)/dtrace

# test programs for the pid/usdt providers (tests/run/*.args use them)
TEST_PROGS := $(patsubst tests/progs/%.c,$(B)/progs/%,$(wildcard tests/progs/*.c))
# 32-bit (ia32) assembly test programs, if the assembler can make them
AS32_OK := $(shell echo | as --32 -o /dev/null - >/dev/null 2>&1 && echo y)
ifeq ($(AS32_OK),y)
TEST_PROGS += $(patsubst tests/progs/%.s,$(B)/progs/%,$(wildcard tests/progs/*.s))
endif

all: $(PROGS) $(LIBDLOAD_A) $(LIBDLOAD_SO) $(PCFILE) $(TEST_PROGS)

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

$(B)/obj/%.o: %.c $(DCC_GEN)
	$(call msg,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/gen/%.o: $(B)/gen/%.c $(DCC_GEN)
	$(call msg,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -Wno-sign-compare -Wno-unused-function -MMD -MP -c -o $@ $<

$(B)/gen/parse.c: dcc/parse.y
	$(call msg,BISON,$<)
	@mkdir -p $(dir $@)
	$(Q)$(BISON) -Wall -Wno-other --defines=$(B)/gen/parse.h -o $@ $<

$(B)/gen/lex.c: dcc/lex.l $(B)/gen/parse.c
	$(call msg,FLEX,$<)
	@mkdir -p $(dir $@)
	$(Q)$(FLEX) --header-file=$(B)/gen/lex.h -o $@ $<

# the D library, embedded as C strings
$(B)/gen/dlib.c: $(DLIB_SRCS) dcc/dlib/embed.awk
	$(call msg,GEN,$@)
	@mkdir -p $(dir $@)
	$(Q)awk -f dcc/dlib/embed.awk $(DLIB_SRCS) > $@

$(LIBDCC): $(DCC_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(LIBDLOAD_A): $(LOADER_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(LIBDLOAD_SO): $(LOADER_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) -shared -o $@ $^ $(LDLIBS)

$(PCFILE): Makefile
	@mkdir -p $(dir $@)
	$(Q)printf 'prefix=/usr/local\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: dload\nDescription: load and run dcc-compiled D objects\nVersion: 0.1\nRequires.private: libbpf libelf zlib\nLibs: -L$${libdir} -ldload\nCflags: -I$${includedir}\n' > $@

$(B)/dcc: $(B)/obj/dcc/main.o $(LIBDCC)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(B)/dload: $(B)/obj/loader/main.o $(LIBDLOAD_A)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(B)/dtrace: $(DTRACE_OBJS) $(LIBDCC) $(LIBDLOAD_A)
	$(call msg,LD,$@)
	$(Q)$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

# ---- tests ----------------------------------------------------------------
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))

$(B)/tests/%: tests/unit/%.c $(LIBDCC) $(LIBDLOAD_A)
	$(call msg,LD,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -Iloader -o $@ $< $(LIBDCC) $(LIBDLOAD_A) $(LDLIBS)

unit: $(UNIT_BINS)

$(B)/progs/%: tests/progs/%.c
	$(call msg,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -O1 -g -o $@ $<

$(B)/progs/%: tests/progs/%.s
	$(call msg,AS32,$<)
	@mkdir -p $(dir $@)
	$(Q)as --32 -o $@.o $< && ld -m elf_i386 -static -o $@ $@.o && rm -f $@.o

setup:
	$(Q)scripts/setup.sh

demo: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)scripts/demo.sh

# make check: the sanitizer build runs the unit, error and run tests; the
# conformance suite runs against the optimized build.
check: setup
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory SAN=1 all unit
	$(Q)scripts/check.sh

bench: all
	$(Q)bench/run.sh

clean:
	rm -rf build

.PHONY: all unit setup demo check bench clean
