// Typed errors for bad user input (ARCHITECTURE.md §6): a malformed ELF, an unreadable input
// file, an unsupported instruction, a cycle limit. They carry a message meant for the user; the
// CLI prints it and exits with code 2 (usage or input error). Bugs use RILL_CHECK instead, and the
// verifier never throws (it returns a result with a reason).
#pragma once

#include <stdexcept>
#include <string>

namespace rill {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace rill
