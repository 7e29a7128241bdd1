// Checks of programmer invariants. A failed check is a bug in Rill, never bad user input (that is
// reported through typed errors, see ARCHITECTURE.md §6), so it aborts with file, line and message.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace rill::detail {

[[noreturn]] void check_failed(const char* file, int line, const char* expr, std::string_view msg);

template <class A, class B>
std::string format_values(std::string_view msg, const A& a, const B& b) {
  return fmt::format("{} (left: {}, right: {})", msg, a, b);
}

}  // namespace rill::detail

// RILL_CHECK(cond, msg): always on, in every build type (release included).
#define RILL_CHECK(cond, msg)                                         \
  do {                                                                \
    if (!(cond)) [[unlikely]]                                         \
      ::rill::detail::check_failed(__FILE__, __LINE__, #cond, (msg)); \
  } while (0)

// RILL_CHECK_EQ(a, b, msg): like RILL_CHECK(a == b, msg) but prints both values (anything fmt
// can format).
#define RILL_CHECK_EQ(a, b, msg)                                               \
  do {                                                                         \
    const auto& rill_check_a_ = (a);                                           \
    const auto& rill_check_b_ = (b);                                           \
    if (!(rill_check_a_ == rill_check_b_)) [[unlikely]]                        \
      ::rill::detail::check_failed(                                            \
          __FILE__, __LINE__, #a " == " #b,                                    \
          ::rill::detail::format_values((msg), rill_check_a_, rill_check_b_)); \
  } while (0)

// RILL_DCHECK: compiled out when NDEBUG is defined; for hot loops only.
#ifdef NDEBUG
#define RILL_DCHECK(cond, msg) \
  do {                         \
  } while (0)
#else
#define RILL_DCHECK(cond, msg) RILL_CHECK(cond, msg)
#endif
