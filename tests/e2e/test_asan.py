"""Under `make e2e-asan`: the modules really are built with AddressSanitizer,
so a suite that passes there has run the runtime's C instrumented (were
CGO_CFLAGS not to reach go build, everything would pass unchecked)."""
import glob
import os
import subprocess

import pytest

from conftest import UNDER_ASAN, build_output

pytestmark = pytest.mark.skipif(not UNDER_ASAN, reason="only under make e2e-asan")


def test_modules_are_instrumented():
    out, _ = build_output("basics")
    so, = glob.glob(os.path.join(out, "basics*.so"))
    symbols = subprocess.run(["nm", "-D", "--undefined-only", so], capture_output=True,
                             text=True, check=True).stdout
    assert "__asan_report_" in symbols, "basics was built without -fsanitize=address"
