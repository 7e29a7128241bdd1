// Tracked allocation: large prover structures (anything whose size grows with the trace) allocate
// through TrackedAllocator, so each stage can report the high-water mark of the bytes it held.
// √T memory scaling is judged on these tracked bytes (ARCHITECTURE.md §8); peak RSS (rss.hpp) is
// reported beside them.
//
//   MemoryScope scope;                      // opens a scope
//   tracked_vector<Fr> table(n);            // counted while alive
//   scope.high_water_bytes();               // most tracked bytes held at once above the entry
//   level
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace rill {

namespace memory {
// Bytes currently allocated through TrackedAllocator, all threads together.
std::size_t tracked_bytes_in_use();
// The most tracked bytes ever held at once in this process.
std::size_t tracked_peak_bytes();

void* allocate(std::size_t bytes, std::size_t alignment);
void deallocate(void* p, std::size_t bytes, std::size_t alignment) noexcept;
}  // namespace memory

template <class T>
class TrackedAllocator {
 public:
  using value_type = T;
  TrackedAllocator() noexcept = default;
  template <class U>
  TrackedAllocator(const TrackedAllocator<U>&) noexcept {}  // NOLINT: allocator rebind

  T* allocate(std::size_t n) {
    return static_cast<T*>(memory::allocate(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    memory::deallocate(p, n * sizeof(T), alignof(T));
  }

  template <class U>
  bool operator==(const TrackedAllocator<U>&) const noexcept {
    return true;
  }
};

template <class T>
using tracked_vector = std::vector<T, TrackedAllocator<T>>;

// Records the high-water mark of tracked bytes between its construction and destruction (or the
// moment it is read). Scopes may nest and may be open on several threads; each sees every
// thread's allocations.
class MemoryScope {
 public:
  MemoryScope();
  ~MemoryScope();
  MemoryScope(const MemoryScope&) = delete;
  MemoryScope& operator=(const MemoryScope&) = delete;

  // Most tracked bytes held at once during the scope, minus those held when it opened (0 if the
  // scope never rose above its entry level).
  std::size_t high_water_bytes() const;
  // Most tracked bytes held at once during the scope, including those held when it opened.
  std::size_t peak_bytes() const;
  std::size_t entry_bytes() const { return entry_; }

 private:
  friend struct MemoryScopeRegistry;
  std::size_t entry_;
  std::size_t peak_;  // guarded by the registry's mutex
};

}  // namespace rill
