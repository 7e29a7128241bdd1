#include "rill/util/tracked_alloc.hpp"

#include <algorithm>
#include <mutex>

namespace rill {

// Allocations of tracked structures are few and large (whole tables), so one mutex serializing
// the bookkeeping costs nothing measurable and keeps every open scope's peak exact.
struct MemoryScopeRegistry {
  std::mutex mutex;
  std::size_t in_use = 0;
  std::size_t peak = 0;
  std::vector<MemoryScope*> open;

  // Caller holds `mutex`.
  void add(std::size_t bytes) {
    in_use += bytes;
    peak = std::max(peak, in_use);
    for (MemoryScope* s : open) s->peak_ = std::max(s->peak_, in_use);
  }

  static MemoryScopeRegistry& get() {
    static MemoryScopeRegistry registry;
    return registry;
  }
};

namespace memory {

std::size_t tracked_bytes_in_use() {
  auto& r = MemoryScopeRegistry::get();
  std::lock_guard lock(r.mutex);
  return r.in_use;
}

std::size_t tracked_peak_bytes() {
  auto& r = MemoryScopeRegistry::get();
  std::lock_guard lock(r.mutex);
  return r.peak;
}

void* allocate(std::size_t bytes, std::size_t alignment) {
  void* p = alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__
                ? ::operator new(bytes, std::align_val_t(alignment))
                : ::operator new(bytes);
  auto& r = MemoryScopeRegistry::get();
  std::lock_guard lock(r.mutex);
  r.add(bytes);
  return p;
}

void deallocate(void* p, std::size_t bytes, std::size_t alignment) noexcept {
  {
    auto& r = MemoryScopeRegistry::get();
    std::lock_guard lock(r.mutex);
    r.in_use -= bytes;
  }
  if (alignment > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
    ::operator delete(p, std::align_val_t(alignment));
  } else {
    ::operator delete(p);
  }
}

}  // namespace memory

MemoryScope::MemoryScope() {
  auto& r = MemoryScopeRegistry::get();
  std::lock_guard lock(r.mutex);
  entry_ = peak_ = r.in_use;
  r.open.push_back(this);
}

MemoryScope::~MemoryScope() {
  auto& r = MemoryScopeRegistry::get();
  std::lock_guard lock(r.mutex);
  r.open.erase(std::find(r.open.begin(), r.open.end(), this));
}

std::size_t MemoryScope::high_water_bytes() const { return peak_bytes() - entry_; }

std::size_t MemoryScope::peak_bytes() const {
  auto& r = MemoryScopeRegistry::get();
  std::lock_guard lock(r.mutex);
  return peak_;
}

}  // namespace rill
