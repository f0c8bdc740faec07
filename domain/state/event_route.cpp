#include "domain/state/event_route.hpp"

namespace nyxmon::domain {

const CheckId* check_named(const Event& event) {
  return std::visit(
      [](const auto& typed) -> const CheckId* {
        if constexpr (requires { typed.check; }) {
          return &typed.check;
        } else if constexpr (requires { typed.spec->probe; }) {
          return &typed.spec->id;
        } else {
          return nullptr;
        }
      },
      event);
}

}  // namespace nyxmon::domain
