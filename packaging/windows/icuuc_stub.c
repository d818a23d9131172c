/* A stand-in for Windows' icuuc.dll, for running the Windows bundle under Wine ONLY (never shipped: every
 * Windows 10/11 has the real one in System32). Wine has no icuuc.dll, and Qt6Core.dll imports these ICU
 * converter functions from it (only for legacy text encodings, which CRTE Desktop never uses): without the
 * DLL Qt does not load at all. ucnv_open fails cleanly (U_ILLEGAL_ARGUMENT_ERROR), everything else is 0.
 * Built by packaging/windows/build.sh with Debian's gcc-mingw-w64-x86-64-win32; see shared STACK.md. */
#include <stddef.h>
#define STUB(name) __declspec(dllexport) size_t name(void) { return 0; }

__declspec(dllexport) void *ucnv_open(const char *name, int *status) {
    (void)name;
    if (status) *status = 1; /* U_ILLEGAL_ARGUMENT_ERROR */
    return NULL;
}
STUB(ucnv_close)
STUB(UCNV_FROM_U_CALLBACK_SUBSTITUTE)
STUB(UCNV_TO_U_CALLBACK_SUBSTITUTE)
STUB(ucnv_reset)
STUB(ucnv_getMaxCharSize)
STUB(ucnv_getName)
STUB(ucnv_getToUCallBack)
STUB(ucnv_getFromUCallBack)
STUB(ucnv_setToUCallBack)
STUB(ucnv_setFromUCallBack)
STUB(ucnv_cbToUWriteUChars)
STUB(ucnv_toUnicode)
STUB(ucnv_cbFromUWriteUChars)
STUB(ucnv_toUCountPending)
STUB(ucnv_fromUCountPending)
STUB(ucnv_getStandardName)
STUB(ucnv_getAvailableName)
STUB(ucnv_countAvailable)
STUB(ucnv_fromUnicode)
