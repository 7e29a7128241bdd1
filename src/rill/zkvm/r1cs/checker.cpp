#include "rill/zkvm/r1cs/checker.hpp"

#include <fmt/format.h>

namespace rill::zkvm {

namespace {
std::string i128_string(i128 v) {
  const bool negative = v < 0;
  u128 m = negative ? 0 - static_cast<u128>(v) : static_cast<u128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  return negative ? "-" + digits : digits;
}
}  // namespace

std::string Violation::describe() const {
  return fmt::format("cycle {}: constraint #{} {} fails: guard {} but left {} != right {}", cycle,
                     constraint, label(), i128_string(guard), i128_string(left),
                     i128_string(right));
}

std::optional<Violation> check_cycle(const R1csInputs& z, std::uint64_t cycle) {
  const auto& table = constraints();
  for (std::size_t c = 0; c < table.size(); ++c) {
    const i128 guard = evaluate(table[c].guard, z);
    const i128 left = evaluate(table[c].left, z), right = evaluate(table[c].right, z);
    if (guard != 0 && left != right) return Violation{cycle, c, guard, left, right};
  }
  return std::nullopt;
}

}  // namespace rill::zkvm
