/* A stand-in for Windows' bcryptprimitives.dll, for running the Windows bundle under Wine 8 ONLY (never
 * shipped: Windows 10/11 have the real one). Rust's standard library (python-calamine, the .ods/.xlsx reader)
 * takes its random numbers from ProcessPrng there, which Wine 8 lacks: without it the module does not load.
 * This one asks advapi32's RtlGenRandom (SystemFunction036), a real random source. Built by build.sh. */
#include <windows.h>

typedef BOOLEAN (WINAPI *RtlGenRandomFn)(PVOID, ULONG);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    static RtlGenRandomFn gen = NULL;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        gen = (RtlGenRandomFn)GetProcAddress(advapi, "SystemFunction036");
        if (!gen) return FALSE;
    }
    while (size > 0) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!gen(data, chunk)) return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
