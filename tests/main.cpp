#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

// Under LeakSanitizer (the native-debug suite): fontconfig keeps the patterns Cairo's font
// cache gave it until the process ends, which LSan reports as leaks that are not ours.
// Read by LSan itself when it is linked in; an unused function otherwise.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
