#pragma once
// Counts heap allocations (malloc, calloc, realloc; operator new and Eigen's
// aligned_malloc go through them) while a Counting scope is alive. Works by
// interposing malloc on glibc; elsewhere (WASM, sanitizers) supported() is false.
namespace flowlab::test {

bool allocation_counting_supported();

class CountAllocations {
 public:
  CountAllocations();
  ~CountAllocations();
  long count() const;
};

}  // namespace flowlab::test
