#include "rill/util/tracked_alloc.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace rill {
namespace {

TEST(TrackedAlloc, CountsBytesWhileAlive) {
  const std::size_t before = memory::tracked_bytes_in_use();
  {
    tracked_vector<std::uint64_t> v(1000);
    EXPECT_EQ(memory::tracked_bytes_in_use(), before + 8000);
  }
  EXPECT_EQ(memory::tracked_bytes_in_use(), before);
}

TEST(TrackedAlloc, ScopeRecordsHighWaterNotFinal) {
  tracked_vector<std::uint8_t> outside(100);
  MemoryScope scope;
  EXPECT_EQ(scope.high_water_bytes(), 0u);
  {
    tracked_vector<std::uint8_t> a(5000);
    {
      tracked_vector<std::uint8_t> b(3000);  // peak here: 8000 above entry
    }
    tracked_vector<std::uint8_t> c(1000);
  }
  EXPECT_EQ(scope.high_water_bytes(), 8000u);
  EXPECT_EQ(scope.peak_bytes(), scope.entry_bytes() + 8000u);
}

TEST(TrackedAlloc, NestedScopesSeeInnerAllocations) {
  MemoryScope outer;
  tracked_vector<std::uint8_t> a(2000);
  {
    MemoryScope inner;
    tracked_vector<std::uint8_t> b(500);
    EXPECT_EQ(inner.high_water_bytes(), 500u);
  }
  EXPECT_EQ(outer.high_water_bytes(), 2500u);
}

TEST(TrackedAlloc, OverAlignedTypes) {
  struct alignas(64) Wide {
    std::uint64_t limbs[8];
  };
  tracked_vector<Wide> v(3);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v.data()) % 64, 0u);
}

}  // namespace
}  // namespace rill
