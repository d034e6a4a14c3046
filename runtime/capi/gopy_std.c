/*
 * gopy_std.c: Go's everyday types as Python's own values. See gopy_std.h
 * for the rules and gopy_abi.h for the records.
 */
#include "gopy_std.h"
#include "gopy_rt_priv.h"

#include <datetime.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * What the conversions need from datetime and fractions, imported on first
 * use. Process-wide, as the datetime C API's capsule (PyDateTimeAPI) is:
 * the objects are immortal in practice (a module's types and its UTC).
 */
static PyObject *timezone_type, *timezone_utc, *fraction_type;

static int std_init(void)
{
	PyObject *m;

	if (timezone_type)
		return 0;
	if (!PyDateTimeAPI) {
		PyDateTime_IMPORT;
		if (!PyDateTimeAPI)
			return -1;
	}
	if (!(m = PyImport_ImportModule("datetime")))
		return -1;
	timezone_type = PyObject_GetAttrString(m, "timezone");
	Py_DECREF(m);
	if (!timezone_type)
		return -1;
	if (!(timezone_utc = PyObject_GetAttrString(timezone_type, "utc"))) {
		Py_CLEAR(timezone_type);
		return -1;
	}
	return 0;
}

static PyObject *fraction(void)
{
	PyObject *m;

	if (fraction_type)
		return fraction_type;
	if (!(m = PyImport_ImportModule("fractions")))
		return NULL;
	fraction_type = PyObject_GetAttrString(m, "Fraction");
	Py_DECREF(m);
	return fraction_type;
}

/* The Go type messages name (gopy_rt.c's rule): the element's, else the
 * parameter's, else kind. */
static const char *go_type(const gopy_frame *f, int idx, const char *kind)
{
	if (f->path)
		return f->path->gotype ? f->path->gotype : kind;
	if (f->sig && f->sig->gotypes && idx >= 0 && f->sig->gotypes[idx])
		return f->sig->gotypes[idx];
	return kind;
}

/* TypeError: "F() argument 't' must be datetime.datetime (Go time.Time), not date". */
static int type_error(const gopy_frame *f, int idx, PyObject *o, const char *pykind, const char *kind)
{
	return gopy_priv_arg_error(f, idx, PyExc_TypeError, "must be %s (Go %s), not %.200s", pykind,
				   go_type(f, idx, kind), Py_TYPE(o)->tp_name);
}

static void put_u64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, sizeof v);
}

static void put_i32(unsigned char *p, int32_t v)
{
	memcpy(p, &v, sizeof v);
}

static void store_seq(void *out, void *data, long long n)
{
	gopy_seq s = {0, data, NULL, n, 0};

	memcpy(out, &s, sizeof s);
}

/* ------------------------------------------------------------------ */
/* time.Time                                                           */
/* ------------------------------------------------------------------ */

/* o's tzinfo, a new reference (None for a naive datetime). */
static PyObject *tzinfo_of(PyObject *o)
{
#if PY_VERSION_HEX >= 0x030A0000 && !defined(PYPY_VERSION)
	PyObject *tz = PyDateTime_DATE_GET_TZINFO(o);

	Py_INCREF(tz);
	return tz;
#else
	return PyObject_GetAttrString(o, "tzinfo");
#endif
}

/* A timedelta's whole seconds (an offset: microseconds dropped). */
static long long delta_seconds(PyObject *d)
{
	return (long long)PyDateTime_DELTA_GET_DAYS(d) * 86400 + PyDateTime_DELTA_GET_SECONDS(d);
}

/*
 * The last datetime.timezone a datetime to Go had, with its offset and
 * name: an exact timezone is a fixed offset and name, so a program
 * passing times of one zone asks it once. Other tzinfos (zoneinfo's) are
 * asked every time: their offset depends on the datetime.
 */
static PyObject *last_tz;
static long long last_offset;
static char last_name[32];
static Py_ssize_t last_n;

static void remember_tz(PyObject *tz, long long offset, const char *name, Py_ssize_t n)
{
	PyObject *old = last_tz;

	if (Py_TYPE(tz) != (PyTypeObject *)timezone_type || n > (Py_ssize_t)sizeof last_name)
		return;
	Py_INCREF(tz);
	last_tz = tz;
	Py_XDECREF(old);
	last_offset = offset;
	memcpy(last_name, name, (size_t)n);
	last_n = n;
}

static int time_record(gopy_frame *f, int idx, PyObject *o, void *out)
{
	PyObject *tz, *off = NULL, *name = NULL;
	const char *zone = "";
	Py_ssize_t zlen = 0;
	long long offset = 0;
	unsigned char flags = 0, *b;
	int r = -1;

	if (std_init() < 0)
		return -1;
	if (!PyDateTime_Check(o))
		return type_error(f, idx, o, "datetime.datetime", "time.Time");
	if (!(tz = tzinfo_of(o)))
		return -1;
	if (tz == timezone_utc) {
		flags = GOPY_TIME_UTC;
	} else if (tz == Py_None) {
		flags = GOPY_TIME_LOCAL;
	} else if (tz == last_tz) {
		offset = last_offset;
		zone = last_name;
		zlen = last_n;
	} else {
		/* Aware when utcoffset() says so (Python's own rule). */
		if (!(off = PyObject_CallMethod(o, "utcoffset", NULL)))
			goto done;
		if (off == Py_None) {
			flags = GOPY_TIME_LOCAL;
		} else if (!PyDelta_Check(off)) {
			PyErr_SetString(PyExc_TypeError, "utcoffset() must return a timedelta or None");
			goto done;
		} else {
			offset = delta_seconds(off);
			if (!(name = PyObject_CallMethod(o, "tzname", NULL)))
				goto done;
			if (PyUnicode_Check(name) && !(zone = PyUnicode_AsUTF8AndSize(name, &zlen)))
				goto done;
			remember_tz(tz, offset, zone, zlen);
		}
	}
	if (!(b = gopy_frame_alloc(f, GOPY_TIME_HEAD + (size_t)zlen)))
		goto done;
	put_u64(b, (uint64_t)(int64_t)PyDateTime_GET_YEAR(o));
	b[8] = (unsigned char)PyDateTime_GET_MONTH(o);
	b[9] = (unsigned char)PyDateTime_GET_DAY(o);
	b[10] = (unsigned char)PyDateTime_DATE_GET_HOUR(o);
	b[11] = (unsigned char)PyDateTime_DATE_GET_MINUTE(o);
	b[12] = (unsigned char)PyDateTime_DATE_GET_SECOND(o);
	b[13] = flags;
	put_i32(b + 16, (int32_t)PyDateTime_DATE_GET_MICROSECOND(o) * 1000);
	put_i32(b + 20, (int32_t)offset);
	memcpy(b + GOPY_TIME_HEAD, zone, (size_t)zlen);
	store_seq(out, b, GOPY_TIME_HEAD + zlen);
	r = 0;
done:
	Py_DECREF(tz);
	Py_XDECREF(off);
	Py_XDECREF(name);
	return r;
}

int gopy_to_time(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return time_record(f, idx, o, out);
}

int gopy_to_time_ptr(gopy_frame *f, int idx, PyObject *o, void *out)
{
	if (o == Py_None) {
		store_seq(out, NULL, -1);
		return 0;
	}
	if (std_init() < 0)
		return -1;
	if (!PyDateTime_Check(o))
		return type_error(f, idx, o, "datetime.datetime or None", "*time.Time");
	return time_record(f, idx, o, out);
}

/*
 * timezone(timedelta(seconds=offset), name), remembered by the record's
 * bytes: a program's times are in few zones, and building one costs more
 * than the datetime.
 */
#define TZ_CACHE 8
#define TZ_NAME 32 /* longer names are not remembered */
static struct tz_entry {
	int offset;
	size_t n;
	char name[TZ_NAME];
	PyObject *tz;
} tz_cache[TZ_CACHE];
static int tz_next;

static PyObject *zone(int offset, const char *name, size_t n)
{
	PyObject *s, *d, *tz;
	struct tz_entry *e;

	for (int i = 0; i < TZ_CACHE; i++) {
		e = &tz_cache[i];
		if (e->tz && e->offset == offset && e->n == n && memcmp(e->name, name, n) == 0) {
			Py_INCREF(e->tz);
			return e->tz;
		}
	}
	if (!(s = PyUnicode_DecodeUTF8(name, (Py_ssize_t)n, "surrogateescape")))
		return NULL;
	d = PyDelta_FromDSU(0, offset, 0);
	tz = d ? PyObject_CallFunctionObjArgs(timezone_type, d, s, NULL) : NULL;
	Py_XDECREF(d);
	Py_DECREF(s);
	if (!tz || n > TZ_NAME)
		return tz;
	e = &tz_cache[tz_next];
	tz_next = (tz_next + 1) % TZ_CACHE;
	Py_XDECREF(e->tz);
	e->offset = offset;
	e->n = n;
	memcpy(e->name, name, n);
	e->tz = tz;
	Py_INCREF(tz);
	return tz;
}

static PyObject *time_value(const unsigned char *b, size_t n)
{
	int64_t year;
	int32_t nsec, offset;
	PyObject *tz, *r;

	if (n < GOPY_TIME_HEAD) {
		PyErr_SetString(PyExc_SystemError, "gopy: a time record from Go is too short");
		return NULL;
	}
	if (std_init() < 0)
		return NULL;
	memcpy(&year, b, sizeof year);
	memcpy(&nsec, b + 16, sizeof nsec);
	memcpy(&offset, b + 20, sizeof offset);
	if (year < 1 || year > 9999)
		return PyErr_Format(PyExc_OverflowError,
				    "Go time.Time %lld-%02d-%02dT%02d:%02d:%02d (UTC%c%02d:%02d) is out of "
				    "datetime.datetime's range (years 1 to 9999)",
				    (long long)year, b[8], b[9], b[10], b[11], b[12], offset < 0 ? '-' : '+',
				    abs(offset) / 3600, abs(offset) / 60 % 60);
	if (b[13] & GOPY_TIME_UTC) {
		tz = timezone_utc;
		Py_INCREF(tz);
	} else if (!(tz = zone(offset, (const char *)b + GOPY_TIME_HEAD, n - GOPY_TIME_HEAD))) {
		return NULL;
	}
	/* Truncated, not rounded: rounding could carry into the next second. */
	r = PyDateTimeAPI->DateTime_FromDateAndTime((int)year, b[8], b[9], b[10], b[11], b[12], nsec / 1000, tz,
						    PyDateTimeAPI->DateTimeType);
	Py_DECREF(tz);
	return r;
}

PyObject *gopy_from_time(gopy_str s)
{
	PyObject *r;

	if (s.n == 0)
		Py_RETURN_NONE;
	r = time_value((const unsigned char *)s.p, s.n);
	free(s.p);
	return r;
}

/* ------------------------------------------------------------------ */
/* time.Duration                                                       */
/* ------------------------------------------------------------------ */

static int duration_range(gopy_frame *f, int idx, PyObject *o)
{
	PyObject *repr = PyObject_Repr(o);

	if (!repr)
		return -1;
	gopy_priv_arg_error(f, idx, PyExc_OverflowError, "out of range for Go %s: %U",
			    go_type(f, idx, "time.Duration"), repr);
	Py_DECREF(repr);
	return -1;
}

static int duration(gopy_frame *f, int idx, PyObject *o, long long *ns)
{
	long long v;
	int overflow;

	if (std_init() < 0)
		return -1;
	if (PyDelta_Check(o)) {
		long long d = PyDateTime_DELTA_GET_DAYS(o), s = PyDateTime_DELTA_GET_SECONDS(o);
		long long us = PyDateTime_DELTA_GET_MICROSECONDS(o), a;

		if (__builtin_mul_overflow(d, 86400LL * 1000000000LL, &a) ||
		    __builtin_add_overflow(a, s * 1000000000LL + us * 1000LL, ns))
			return duration_range(f, idx, o);
		return 0;
	}
	if (PyFloat_Check(o)) {
		double x = PyFloat_AS_DOUBLE(o) * 1e9;

		if (isnan(x))
			return gopy_priv_arg_error(f, idx, PyExc_ValueError, "cannot be nan (Go %s)",
						   go_type(f, idx, "time.Duration"));
		x = rint(x); /* half to even, as Python's round() */
		if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0))
			return duration_range(f, idx, o);
		*ns = (long long)x;
		return 0;
	}
	if (!PyLong_Check(o))
		return type_error(f, idx, o, "datetime.timedelta, int or float", "time.Duration");
	v = PyLong_AsLongLongAndOverflow(o, &overflow);
	if (v == -1 && PyErr_Occurred())
		return -1;
	if (overflow || __builtin_mul_overflow(v, 1000000000LL, ns))
		return duration_range(f, idx, o);
	return 0;
}

int gopy_to_duration(gopy_frame *f, int idx, PyObject *o, void *out)
{
	long long ns;

	/* An int here is seconds, not a Go int: a bool is no number of them. */
	if (PyBool_Check(o))
		return type_error(f, idx, o, "datetime.timedelta, int or float", "time.Duration");
	if (duration(f, idx, o, &ns) < 0)
		return -1;
	*(GoInt64 *)out = ns;
	return 0;
}

PyObject *gopy_from_duration(GoInt64 ns)
{
	long long us = ns / 1000; /* toward zero */

	if (std_init() < 0)
		return NULL;
	return PyDelta_FromDSU((int)(us / 86400000000LL), (int)(us / 1000000 % 86400), (int)(us % 1000000));
}

/* ------------------------------------------------------------------ */
/* *big.Int and *big.Rat                                               */
/* ------------------------------------------------------------------ */

/* o as an int (a new reference): an int, a bool or an __index__; NULL
 * with no exception when it is none. */
static PyObject *as_int(PyObject *o)
{
	PyObject *n;

	if (PyLong_Check(o)) {
		Py_INCREF(o);
		return o;
	}
	if (PyFloat_Check(o) || !PyIndex_Check(o))
		return NULL;
	if (!(n = PyNumber_Index(o)) && PyErr_ExceptionMatches(PyExc_TypeError))
		PyErr_Clear();
	return n;
}

/*
 * The magnitude of the int v, big-endian, as a new bytes object (empty for
 * 0); *neg says whether v is negative.
 */
static PyObject *magnitude(PyObject *v, int *neg)
{
	PyObject *a, *r = NULL, *zero = PyLong_FromLong(0);
	size_t n;

	*neg = zero ? PyObject_RichCompareBool(v, zero, Py_LT) : -1;
	Py_XDECREF(zero);
	if (*neg < 0 || !(a = PyNumber_Absolute(v)))
		return NULL;
#ifdef PYPY_VERSION
	PyObject *bits = PyObject_CallMethod(a, "bit_length", NULL);
	long long nb = bits ? PyLong_AsLongLong(bits) : -1;

	Py_XDECREF(bits);
	if (nb >= 0 || !PyErr_Occurred()) {
		n = (size_t)(nb + 7) / 8;
		r = PyObject_CallMethod(a, "to_bytes", "ns", (Py_ssize_t)n, "big");
	}
#else
	size_t nb = _PyLong_NumBits(a);

	if (nb != (size_t)-1 || !PyErr_Occurred()) {
		n = (nb + 7) / 8;
		r = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)n);
#if PY_VERSION_HEX >= 0x030D0000
		if (r && _PyLong_AsByteArray((PyLongObject *)a, (unsigned char *)PyBytes_AS_STRING(r), n, 0, 0, 1) < 0)
#else
		if (r && _PyLong_AsByteArray((PyLongObject *)a, (unsigned char *)PyBytes_AS_STRING(r), n, 0, 0) < 0)
#endif
			Py_CLEAR(r);
	}
#endif
	Py_DECREF(a);
	return r;
}

/* The int of a magnitude (big-endian) and a sign; a new reference. */
static PyObject *from_magnitude(const unsigned char *p, size_t n, int neg)
{
	PyObject *r, *m;

	if (n <= 8) {
		unsigned long long u = 0;

		for (size_t i = 0; i < n; i++)
			u = u << 8 | p[i];
		if (neg && u <= (unsigned long long)LLONG_MAX)
			return PyLong_FromLongLong(-(long long)u);
		r = PyLong_FromUnsignedLongLong(u);
	} else {
#ifdef PYPY_VERSION
		r = PyObject_CallMethod((PyObject *)&PyLong_Type, "from_bytes", "y#s", (const char *)p,
					(Py_ssize_t)n, "big");
#else
		r = _PyLong_FromByteArray(p, n, 0, 0);
#endif
	}
	if (!r || !neg)
		return r;
	m = PyNumber_Negative(r);
	Py_DECREF(r);
	return m;
}

/* A big record of the int v in frame memory, stored at out. */
static int big_record(gopy_frame *f, PyObject *v, void *out)
{
	long long x;
	int overflow, neg;
	unsigned char *b;
	PyObject *mag;

	/* Most values fit a long long: no bytes object for them. */
	x = PyLong_AsLongLongAndOverflow(v, &overflow);
	if (x == -1 && PyErr_Occurred())
		return -1;
	if (!overflow) {
		unsigned long long u = x < 0 ? 0ULL - (unsigned long long)x : (unsigned long long)x;
		int n = 0;

		for (unsigned long long t = u; t; t >>= 8)
			n++;
		if (!(b = gopy_frame_alloc(f, 1 + (size_t)n)))
			return -1;
		b[0] = x < 0;
		for (int i = n; i > 0; i--, u >>= 8)
			b[i] = (unsigned char)u;
		store_seq(out, b, 1 + n);
		return 0;
	}
	if (!(mag = magnitude(v, &neg)))
		return -1;
	if ((b = gopy_frame_alloc(f, 1 + (size_t)PyBytes_GET_SIZE(mag)))) {
		b[0] = (unsigned char)neg;
		memcpy(b + 1, PyBytes_AS_STRING(mag), (size_t)PyBytes_GET_SIZE(mag));
		store_seq(out, b, 1 + PyBytes_GET_SIZE(mag));
	}
	Py_DECREF(mag);
	return b ? 0 : -1;
}

static int to_big(gopy_frame *f, int idx, PyObject *o, void *out, const char *pykind, const char *kind)
{
	PyObject *v = as_int(o);
	int r;

	if (!v)
		return PyErr_Occurred() ? -1 : type_error(f, idx, o, pykind, kind);
	r = big_record(f, v, out);
	Py_DECREF(v);
	return r;
}

int gopy_to_bigint(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_big(f, idx, o, out, "int", "big.Int");
}

int gopy_to_bigint_ptr(gopy_frame *f, int idx, PyObject *o, void *out)
{
	if (o == Py_None) {
		store_seq(out, NULL, -1);
		return 0;
	}
	return to_big(f, idx, o, out, "int or None", "*big.Int");
}

static PyObject *big_value(const unsigned char *p, size_t n)
{
	if (n == 0) {
		PyErr_SetString(PyExc_SystemError, "gopy: a big record from Go is empty");
		return NULL;
	}
	return from_magnitude(p + 1, n - 1, p[0] != 0);
}

PyObject *gopy_from_bigint(gopy_str s)
{
	PyObject *r;

	if (s.n == 0)
		Py_RETURN_NONE;
	r = big_value((const unsigned char *)s.p, s.n);
	free(s.p);
	return r;
}

/* A rat record of the Fraction or int o; 1 (no exception) when o is
 * neither. */
static int rat_record(gopy_frame *f, PyObject *o, void *out)
{
	PyObject *ft = fraction(), *num = NULL, *den = NULL, *nm = NULL, *dm = NULL;
	unsigned char *b;
	int neg, dneg, r = -1;
	size_t k, d;

	if (!ft)
		return -1;
	if (PyObject_TypeCheck(o, (PyTypeObject *)ft)) {
		if (!(num = PyObject_GetAttrString(o, "numerator")) || !(den = PyObject_GetAttrString(o, "denominator")))
			goto done;
	} else if ((num = as_int(o))) {
		den = PyLong_FromLong(1);
	} else {
		return PyErr_Occurred() ? -1 : 1;
	}
	if (!den || !(nm = magnitude(num, &neg)) || !(dm = magnitude(den, &dneg)))
		goto done;
	k = (size_t)PyBytes_GET_SIZE(nm);
	d = (size_t)PyBytes_GET_SIZE(dm);
	if (d == 0) {
		PyErr_SetString(PyExc_ZeroDivisionError, "a fraction with denominator 0");
		goto done;
	}
	if (!(b = gopy_frame_alloc(f, GOPY_RAT_HEAD + k + d)))
		goto done;
	b[0] = (unsigned char)(neg != dneg && k);
	put_u64(b + 1, k);
	memcpy(b + GOPY_RAT_HEAD, PyBytes_AS_STRING(nm), k);
	memcpy(b + GOPY_RAT_HEAD + k, PyBytes_AS_STRING(dm), d);
	store_seq(out, b, (long long)(GOPY_RAT_HEAD + k + d));
	r = 0;
done:
	Py_XDECREF(num);
	Py_XDECREF(den);
	Py_XDECREF(nm);
	Py_XDECREF(dm);
	return r;
}

static int to_rat(gopy_frame *f, int idx, PyObject *o, void *out, const char *pykind, const char *kind)
{
	int r = rat_record(f, o, out);

	return r > 0 ? type_error(f, idx, o, pykind, kind) : r;
}

int gopy_to_rat(gopy_frame *f, int idx, PyObject *o, void *out)
{
	return to_rat(f, idx, o, out, "fractions.Fraction or int", "big.Rat");
}

int gopy_to_rat_ptr(gopy_frame *f, int idx, PyObject *o, void *out)
{
	if (o == Py_None) {
		store_seq(out, NULL, -1);
		return 0;
	}
	return to_rat(f, idx, o, out, "fractions.Fraction, int or None", "*big.Rat");
}

static PyObject *rat_value(const unsigned char *p, size_t n)
{
	PyObject *ft = fraction(), *num, *den, *r;
	uint64_t k;

	if (!ft)
		return NULL;
	if (n < GOPY_RAT_HEAD) {
		PyErr_SetString(PyExc_SystemError, "gopy: a rat record from Go is too short");
		return NULL;
	}
	memcpy(&k, p + 1, sizeof k);
	if (k > n - GOPY_RAT_HEAD) {
		PyErr_SetString(PyExc_SystemError, "gopy: a rat record from Go is cut short");
		return NULL;
	}
	if (!(num = from_magnitude(p + GOPY_RAT_HEAD, (size_t)k, p[0] != 0)))
		return NULL;
	if (!(den = from_magnitude(p + GOPY_RAT_HEAD + k, n - GOPY_RAT_HEAD - (size_t)k, 0))) {
		Py_DECREF(num);
		return NULL;
	}
	r = PyObject_CallFunctionObjArgs(ft, num, den, NULL);
	Py_DECREF(num);
	Py_DECREF(den);
	return r;
}

PyObject *gopy_from_rat(gopy_str s)
{
	PyObject *r;

	if (s.n == 0)
		Py_RETURN_NONE;
	r = rat_value((const unsigned char *)s.p, s.n);
	free(s.p);
	return r;
}

/* ------------------------------------------------------------------ */
/* Interface values                                                    */
/* ------------------------------------------------------------------ */

int gopy_std_to_val(gopy_frame *f, int idx, PyObject *o, gopy_val *out)
{
	gopy_seq s;
	PyObject *ft;
	long long ns;
	int r;

	/* Only a module that is loaded can have made o: a program that
	 * never imports datetime or fractions does not import them here. */
	if (!timezone_type && !PyDict_GetItemString(PyImport_GetModuleDict(), "datetime") &&
	    !PyDict_GetItemString(PyImport_GetModuleDict(), "fractions"))
		return 1;
	if (std_init() < 0)
		return -1;
	if (PyDateTime_Check(o)) {
		if (time_record(f, idx, o, &s) < 0)
			return -1;
		out->kind = GOPY_VAL_TIME;
	} else if (PyDelta_Check(o)) {
		if (duration(f, idx, o, &ns) < 0)
			return -1;
		out->kind = GOPY_VAL_DURATION;
		out->i = ns;
		return 0;
	} else if ((ft = fraction()) && PyObject_TypeCheck(o, (PyTypeObject *)ft)) {
		if ((r = rat_record(f, o, &s)) != 0)
			return r;
		out->kind = GOPY_VAL_RAT;
	} else {
		return ft ? 1 : -1;
	}
	out->str.p = s.data;
	out->str.n = (size_t)s.n;
	return 0;
}

int gopy_std_bigint_val(gopy_frame *f, PyObject *o, gopy_val *out)
{
	gopy_seq s;

	if (big_record(f, o, &s) < 0)
		return -1;
	out->kind = GOPY_VAL_BIGINT;
	out->str.p = s.data;
	out->str.n = (size_t)s.n;
	return 0;
}

PyObject *gopy_std_from_val(gopy_val *v)
{
	gopy_str s = v->str;

	v->str.p = NULL;
	v->str.n = 0;
	switch (v->kind) {
	case GOPY_VAL_DURATION:
		return gopy_from_duration(v->i);
	case GOPY_VAL_TIME:
		if (s.n == 0) /* never nil: a Time is a value */
			return time_value(NULL, 0);
		return gopy_from_time(s);
	case GOPY_VAL_BIGINT:
		if (s.n == 0)
			return big_value(NULL, 0);
		return gopy_from_bigint(s);
	case GOPY_VAL_RAT:
		if (s.n == 0)
			return rat_value(NULL, 0);
		return gopy_from_rat(s);
	}
	free(s.p);
	PyErr_Format(PyExc_SystemError, "gopy: value kind %d is not a standard type", v->kind);
	return NULL;
}
