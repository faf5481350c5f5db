#include "alloc_counter.hpp"

#include <cstddef>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__EMSCRIPTEN__)
#define FLOWLAB_COUNT_ALLOCATIONS 1
extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
}
namespace {
bool g_counting = false;
long g_count = 0;
}  // namespace
extern "C" void* malloc(std::size_t n) {
  if (g_counting) ++g_count;
  return __libc_malloc(n);
}
extern "C" void* calloc(std::size_t n, std::size_t s) {
  if (g_counting) ++g_count;
  return __libc_calloc(n, s);
}
extern "C" void* realloc(void* p, std::size_t n) {
  if (g_counting) ++g_count;
  return __libc_realloc(p, n);
}
#endif

namespace flowlab::test {
#ifdef FLOWLAB_COUNT_ALLOCATIONS
bool allocation_counting_supported() { return true; }
CountAllocations::CountAllocations() {
  g_count = 0;
  g_counting = true;
}
CountAllocations::~CountAllocations() { g_counting = false; }
long CountAllocations::count() const { return g_count; }
#else
bool allocation_counting_supported() { return false; }
CountAllocations::CountAllocations() = default;
CountAllocations::~CountAllocations() = default;
long CountAllocations::count() const { return 0; }
#endif
}  // namespace flowlab::test
