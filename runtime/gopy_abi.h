/*
 * gopy_abi.h: the data that crosses the cgo boundary between the generated
 * C module and the generated Go glue. Part of the gopy runtime, compiled
 * into every generated module.
 *
 * This header is included from the cgo preamble of the Go glue, so it must
 * not include Python.h or anything that needs Python's include path.
 *
 * Ownership: every pointer inside these structs that Go hands to C was
 * allocated by Go with C.malloc and is owned by the C side after the call
 * returns. The C runtime frees it (gopy_from_str, gopy_raise_fail). C never
 * hands Go memory that Go may keep: Go copies strings and slices it
 * receives before user code can see them.
 */
#ifndef GOPY_ABI_H
#define GOPY_ABI_H

#include <stddef.h>
#include <stdint.h>

/*
 * The records between "cffi cdef: begin" and "cffi cdef: end" are also the
 * cffi module's declarations of them: src/cffi/abi_cdef.c copies them into
 * cffi_build.py's CDEF without the comments, so the C and the Python side
 * read one text. Only what cffi's parser takes goes there: typedefs,
 * structs and plain declarations (no macros, attributes or inline code).
 */
/* cffi cdef: begin */

/* A byte string made by Go in C memory (malloc); p is NULL when n is 0. */
typedef struct gopy_str {
	char *p;
	size_t n;
} gopy_str;

/*
 * A slice, array or map argument. Either a view of the same Go type was
 * passed back (handle != 0: Go uses that value itself, so no element is
 * copied), or C converted the elements into C memory that Go copies
 * before the call returns: n elements of the element's C type at data
 * (for a map, n keys at data and n values at data2).
 *
 * in_place is 1 when data is writable memory that stays valid until the
 * call returns (a writable buffer such as a numpy array, or the frame's
 * own converted elements): Go may then use it as the slice itself when
 * the callee does not keep the slice (gopyLend). 0 for read-only memory.
 *
 * n is -1 for Python's None where the parameter is a slice or a map: Go
 * gets a nil slice or map (an empty list is an empty, non-nil one).
 */
typedef struct gopy_seq {
	long long handle;
	void *data;
	void *data2;
	long long n;
	int in_place;
} gopy_seq;

/*
 * Why an export failed: a malloc'd record the C side turns into a Python
 * exception and frees with gopy_raise_fail.
 *   message:   err.Error(), or the panic value formatted with %v
 *   go_type:   the dynamic Go type of the error or panic value (%T)
 *   traceback: the goroutine's stack at the panic (empty for errors)
 */
typedef struct gopy_fail {
	int kind;
	gopy_str message;
	gopy_str go_type;
	gopy_str traceback;
	long long error; /* GOPY_FAIL_ERROR: a handle to the error, owned by the
			    record's taker: a *error, or the *T of an error
			    class when cls >= 0; 0 otherwise */
	int cls;         /* the error class (a struct type T of the module whose
			    T or *T implements error) the error is an instance
			    of; -1 when none */
	void *py;        /* GOPY_FAIL_PYEXC: the Python exception (a new reference,
			    owned by the record's taker); NULL otherwise */
} gopy_fail;

/*
 * A value of a Go interface type (any, error, a named or unnamed interface
 * of the bound API), crossing in either direction, and the elements of the
 * lists and dicts it holds. kind (GOPY_VAL_*) says which fields hold it:
 *
 *   NIL      None / nil
 *   BOOL     i: 0 or 1
 *   INT      i: an int (from Go: any signed integer kind)
 *   UINT     i: the bits of a uint64 (from Go: any unsigned kind)
 *   FLOAT    f
 *   COMPLEX  f, f2: real and imaginary parts
 *   STR      str: UTF-8 (from Python: surrogateescape)
 *   BYTES    str: the bytes of a []byte
 *   LIST     items[0..i): []any, from a list or tuple
 *   DICT     items[0..2i): key, value, key, value...: map[string]any (or
 *            map[any]any when a key is not a string)
 *   OBJ      i: the handle of an instance of class cls. From Python: Go
 *            gets the pointer the handle holds (a struct instance is a *T,
 *            a Ref a *any). From Go: a new instance of class cls owning
 *            handle i.
 *   GO       i: a handle to a pointer to a Go value (a *V). From Python: Go
 *            gets the value *V (a view's slice or map, an opaque value, an
 *            interface instance's value, an error, a func). From Go: a new
 *            instance of class cls (an interface class) owning handle i, or
 *            of the module's GoValue class when cls is -1.
 *   ERROR    from Go: i is a handle to a *error; the module's GoError
 *            holding it. (An error whose dynamic type is a struct type of
 *            the module is an OBJ of its error class instead.)
 *   VIEW     from Go only (a callback's argument of a slice, array or map
 *            type without a class): i is a handle to a pointer to the
 *            container (a *S), cls the module's view number (the
 *            generator's plan_view.index); a new view of it owning i.
 *   TIME     str: a time.Time as a time record (below); datetime.datetime
 *   DURATION i: a time.Duration in nanoseconds; datetime.timedelta
 *   BIGINT   str: a *big.Int as a big record (below); int. From Python only
 *            where an int is too large for INT (Go gets a *big.Int)
 *   RAT      str: a *big.Rat as a rat record (below); fractions.Fraction
 *   IO       from Go only: i is a handle to a *any holding an io.Reader,
 *            io.Writer or a combination (gopy_io.go), cls what it is (a
 *            mask of GOPY_IO_*); a binary file object of the module reading
 *            and writing through it (an io.RawIOBase)
 *   MEM      from Go only, a callback's argument: str is memory of Go's
 *            lent for the call (never freed by the receiver), i 1 when
 *            Python may write it; a memoryview, released when the call
 *            returns (a Python readinto fills Go's buffer in place)
 *   PY       py: a Python object. From Python (arguments): borrowed, the
 *            caller keeps it alive for the call and Go takes a reference of
 *            its own for what it keeps. From Go (results, a callback's
 *            arguments), and in a callback's results: a new reference the
 *            receiver owns.
 *
 * A named basic class's instance (type Celsius float64) is its underlying
 * kind's value with cls set to the class: INT/UINT/FLOAT/COMPLEX/STR/BOOL.
 * cls is -1 when no class is meant.
 *
 * Ownership. From Go to C, str.p and items were allocated by Go with
 * malloc and the receiver frees them (gopy_val_free frees a tree it does
 * not convert); handles are owned by the receiver. From C to Go, C owns
 * every byte and Go copies what it keeps before the call returns.
 */
typedef struct gopy_val {
	int kind;
	int cls;
	long long i;
	double f;
	double f2;
	gopy_str str;
	struct gopy_val *items;
	void *py;
} gopy_val;

/*
 * Returned by every other exported glue function: 0 when the call succeeded,
 * otherwise the address of a gopy_fail. An integer rather than a pointer
 * because cgo checks each pointer an export returns, on every call, and
 * this one never points into Go memory.
 */
typedef uintptr_t gopy_fail_addr;

/*
 * What Go calls on the Python side, to hold Python objects and call them
 * (gopy_py.go): each runtime fills one at module exec and hands it to Go
 * (gopy_set_pyapi). Every function takes the GIL itself, from any thread.
 *
 *   incref, decref  a Python object Go keeps (decref does nothing once the
 *                   interpreter is finalizing)
 *   call            obj(*args), or obj.method(*args) when method is not
 *                   NULL, converting the nargs records at args (Go's, which
 *                   the callee frees as from_val does) and the result into
 *                   nresults records at results: nothing for 0 (the value is
 *                   ignored), the value for 1, the items of a tuple of
 *                   nresults otherwise, by the rules of arguments (any
 *                   object that is no Go value is PY). Result records are
 *                   malloc'd trees Go frees, and each record's py, when not
 *                   NULL, is a new reference Go drops after converting: a
 *                   PY's object, or the instance whose handle an OBJ or GO
 *                   record names (which must live until Go has read it).
 *                   Returns 0, or a failure: GOPY_FAIL_PYEXC carrying the
 *                   exception, GOPY_FAIL_TYPE for results of the wrong shape.
 *   str             str(obj), UTF-8 in malloc'd memory (an exception's text)
 *   has_caller      1 when the current thread runs Python code waiting for
 *                   this call into Go, which can take an exception: 0 on a
 *                   thread Go started
 *   unraisable      reports exc (or, when NULL, message) through
 *                   sys.unraisablehook: a callback's exception nobody catches
 */
typedef struct gopy_pyapi {
	void (*incref)(void *obj);
	void (*decref)(void *obj);
	gopy_fail_addr (*call)(void *obj, const char *method, gopy_val *args, long long nargs,
			       gopy_val *results, long long nresults);
	gopy_str (*str)(void *obj);
	int (*has_caller)(void);
	void (*unraisable)(void *exc, const char *message);
} gopy_pyapi;

/* cffi cdef: end */

/* gopy_fail.kind: what went wrong in a Go call. */
enum {
	GOPY_FAIL_ERROR = 1, /* a function returned a non-nil error */
	GOPY_FAIL_PANIC = 2, /* Go code panicked; the panic was recovered */
	GOPY_FAIL_FORKED = 3, /* no call: this process is a fork (gopy_forked) */
	GOPY_FAIL_TYPE = 4,  /* an argument Go cannot take: TypeError(message) */
	GOPY_FAIL_PYEXC = 5  /* a Python exception, raised again as itself (py) with
				the Go stack (traceback) as a note */
};

/*
 * Which Python objects that are no Go value an interface or func type
 * takes (gopy_py.go makes them Go values that call back into Python).
 */
enum {
	GOPY_PY_NONE = 0,      /* none: TypeError (any) */
	GOPY_PY_METHODS = 1,   /* an object defining every method of the interface */
	GOPY_PY_EXCEPTION = 2, /* an exception (error) */
	GOPY_PY_CALLABLE = 3,  /* a callable (func types) */
	/* io.Reader, io.Writer and their combinations (gopy_io.go): a binary
	 * file object (readinto or read; write), and for a reader only a
	 * bytes-like object too */
	GOPY_PY_READER = 4,
	GOPY_PY_WRITER = 5,
	GOPY_PY_READWRITER = 6
};

/* gopy_val.kind (see gopy_val). */
enum {
	GOPY_VAL_NIL = 0,
	GOPY_VAL_BOOL = 1,
	GOPY_VAL_INT = 2,
	GOPY_VAL_UINT = 3,
	GOPY_VAL_FLOAT = 4,
	GOPY_VAL_COMPLEX = 5,
	GOPY_VAL_STR = 6,
	GOPY_VAL_BYTES = 7,
	GOPY_VAL_LIST = 8,
	GOPY_VAL_DICT = 9,
	GOPY_VAL_OBJ = 10,
	GOPY_VAL_GO = 11,
	GOPY_VAL_ERROR = 12,
	GOPY_VAL_PY = 13,
	GOPY_VAL_VIEW = 14,
	GOPY_VAL_TIME = 15,
	GOPY_VAL_DURATION = 16,
	GOPY_VAL_BIGINT = 17,
	GOPY_VAL_RAT = 18,
	GOPY_VAL_IO = 19,
	GOPY_VAL_MEM = 20
};

/*
 * Go's everyday types of other packages (time.Time, *big.Int, *big.Rat)
 * cross as byte records, in a gopy_seq (to Go: data and n; n is -1 for
 * None, a nil pointer) or a gopy_str (from Go: malloc'd; n 0 is a nil
 * pointer), and in the str of TIME, BIGINT and RAT gopy_vals. Byte order
 * is the machine's, as for every other field crossing cgo.
 *
 * time record: the civil time in the Time's own zone, which is how
 * datetime is built and read.
 *   [0, 8)   int64 year
 *   8..12    uint8 month (1-12), day, hour, minute, second
 *   13       uint8 flags: GOPY_TIME_UTC (Go's time.UTC, Python's
 *            timezone.utc), GOPY_TIME_LOCAL (to Go only: a naive datetime,
 *            in time.Local); neither: a fixed zone of offset named name
 *   [16, 20) int32 nanosecond (from Python: the microsecond * 1000)
 *   [20, 24) int32 offset: seconds east of UTC
 *   [24, n)  the zone's name, UTF-8 ("EST", "+0530", "" for none)
 *
 * big record (an integer): a sign byte (0: zero or positive, 1: negative),
 * then the magnitude, big-endian, without leading zero bytes (none for 0).
 *
 * rat record (a fraction in lowest terms, denominator > 0): a sign byte, a
 * uint64 k, the numerator's magnitude in k bytes then the denominator's in
 * the rest, both big-endian.
 */
enum {
	GOPY_TIME_HEAD = 24,  /* the time record's fixed part */
	GOPY_TIME_UTC = 1,
	GOPY_TIME_LOCAL = 2,
	GOPY_RAT_HEAD = 9     /* the rat record's sign and k */
};

/*
 * An export with one scalar result returns it directly (the generator's
 * plan_func.direct), so its failure cannot be the return value: it returns
 * a sentinel of the result's type and leaves the failure record here. The
 * caller, seeing the sentinel, takes the record with gopy_take_fail (0: the
 * sentinel was a real result). A thread-local because a Go export runs on
 * the thread of its C caller; gopy_rt.go defines it.
 */
extern __thread gopy_fail_addr gopy_pending_fail;

static inline gopy_fail_addr gopy_take_fail(void)
{
	gopy_fail_addr fail = gopy_pending_fail;

	gopy_pending_fail = 0;
	return fail;
}

/*
 * Go's runtime does not survive fork(): the child has only the forking
 * thread, while Go's scheduler, collector and idle threads stay behind in
 * the parent, so a call into Go in the child waits forever for them. A
 * pthread_atfork child handler (gopy_rt.go) sets gopy_forked in a child
 * forked after this library loaded, and every entry into Go checks it
 * first: one load and a branch that is never taken in a process that did
 * not fork. Hidden, so that the load is not through the GOT.
 */
extern int gopy_forked __attribute__((visibility("hidden")));

#define GOPY_FORKED() __builtin_expect(gopy_forked != 0, 0)

/*
 * The failure of a call refused in a forked child: a static record (never
 * freed) of kind GOPY_FAIL_FORKED whose message both backends raise as
 * RuntimeError.
 */
extern const gopy_fail gopy_forked_fail __attribute__((visibility("hidden")));

/*
 * An export call, refused in a forked child through the caller's ordinary
 * failure path: GOPY_GO for an export returning gopy_fail_addr, GOPY_GO_DIRECT
 * for one returning its result directly (the failure is pending and the
 * result is the export's sentinel).
 */
#define GOPY_GO(call) (GOPY_FORKED() ? (gopy_fail_addr)&gopy_forked_fail : (call))
#define GOPY_GO_DIRECT(sentinel, call) \
	(GOPY_FORKED() ? (gopy_pending_fail = (gopy_fail_addr)&gopy_forked_fail, (sentinel)) : (call))

/* cgo calls C functions, not pointers: Go calls the pyapi through these. */
static inline void gopy_api_incref(const gopy_pyapi *a, void *o) { a->incref(o); }
static inline void gopy_api_decref(const gopy_pyapi *a, void *o) { a->decref(o); }
/* The pointers as integers: all point to C memory, and cgo checks each
 * pointer argument on every call (the callback's hot path). */
static inline gopy_fail_addr gopy_api_call(uintptr_t a, uintptr_t o, uintptr_t method, uintptr_t args,
					   long long nargs, uintptr_t results, long long nresults)
{
	return ((const gopy_pyapi *)a)->call((void *)o, (const char *)method, (gopy_val *)args, nargs,
					     (gopy_val *)results, nresults);
}

/*
 * The common callback, without records in memory of Go's: at most
 * GOPY_SCALAR_ARGS arguments, each a bool or a number of no class, passed
 * by value (kinds: argument k's GOPY_VAL_* in bits 4k to 4k+3; b<k> its
 * value, a float's IEEE bits), and at most one result. The argument
 * records live on this frame and the result record is returned with the
 * failure, so Go allocates nothing for the call. The struct is Go's only:
 * no typedef, as cffi never sees it (see the cdef block).
 */
enum { GOPY_SCALAR_ARGS = 4 };

struct gopy_call_out {
	gopy_fail_addr fail;
	gopy_val res;
};

static inline struct gopy_call_out
gopy_api_call_scalars(uintptr_t a, uintptr_t o, uintptr_t method, long long nargs,
		      unsigned long long kinds, long long b0, long long b1, long long b2,
		      long long b3, long long nres)
{
	const long long bits[GOPY_SCALAR_ARGS] = {b0, b1, b2, b3};
	gopy_val args[GOPY_SCALAR_ARGS];
	struct gopy_call_out out = {.fail = 0};

	for (long long k = 0; k < nargs && k < GOPY_SCALAR_ARGS; k++) {
		union { long long i; double f; } u = {.i = bits[k]};

		args[k] = (gopy_val){.kind = (int)(kinds >> (4 * k) & 15), .cls = -1};
		if (args[k].kind == GOPY_VAL_FLOAT)
			args[k].f = u.f;
		else
			args[k].i = u.i;
	}
	out.fail = ((const gopy_pyapi *)a)->call((void *)o, (const char *)method, args, nargs,
						 &out.res, nres);
	return out;
}

/* What an IO record holds (gopy_val.cls): the interface's methods. */
enum { GOPY_IO_READ = 1, GOPY_IO_WRITE = 2, GOPY_IO_CLOSE = 4 };

/*
 * obj.method(memoryview of buf[0..n)), writable when writable is 1, and
 * its one result: Go's Read and Write of a Python stream (gopy_io.go).
 * buf is Go's []byte, passed as a pointer argument so that cgo keeps it
 * in place for the call; the record pointing at it lives on this frame.
 */
static inline struct gopy_call_out gopy_api_call_mem(uintptr_t a, uintptr_t o, uintptr_t method,
						     void *buf, long long n, int writable)
{
	gopy_val arg = {.kind = GOPY_VAL_MEM, .cls = -1, .i = writable};
	struct gopy_call_out out = {.fail = 0};

	arg.str.p = buf;
	arg.str.n = (size_t)n;
	out.fail = ((const gopy_pyapi *)a)->call((void *)o, (const char *)method, &arg, 1, &out.res, 1);
	return out;
}

static inline gopy_str gopy_api_str(const gopy_pyapi *a, void *o) { return a->str(o); }
static inline int gopy_api_has_caller(const gopy_pyapi *a) { return a->has_caller(); }
static inline void gopy_api_unraisable(const gopy_pyapi *a, void *exc, const char *message)
{
	a->unraisable(exc, message);
}

#endif
