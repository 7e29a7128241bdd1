#include "rill/util/check.hpp"

#include <cstdio>
#include <cstdlib>

namespace rill::detail {

void check_failed(const char* file, int line, const char* expr, std::string_view msg) {
  std::fprintf(stderr, "rill: internal check failed at %s:%d: %s: %.*s\n", file, line, expr,
               static_cast<int>(msg.size()), msg.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace rill::detail
