#include "rill/util/function_ref.hpp"

#include <gtest/gtest.h>

namespace rill {
namespace {

int apply(FunctionRef<int(int)> f, int x) { return f(x); }

TEST(FunctionRef, CallsLambdaWithState) {
  int calls = 0;
  auto add = [&calls](int x) {
    ++calls;
    return x + 10;
  };
  EXPECT_EQ(apply(add, 5), 15);
  EXPECT_EQ(apply(add, -3), 7);
  EXPECT_EQ(calls, 2);
}

int twice(int x) { return 2 * x; }

TEST(FunctionRef, CallsFunctionPointer) {
  int (*fp)(int) = &twice;
  EXPECT_EQ(apply(fp, 21), 42);
}

}  // namespace
}  // namespace rill
