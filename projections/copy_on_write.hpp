// copy_on_write.hpp — the projections' way of sharing state with readers on
// other threads: a projection keeps each piece behind a shared_ptr, hands
// out copies of the pointer, and copies the piece itself before changing one
// that a reader still holds.
#pragma once

#include <memory>

namespace nyxmon::projections {

// The piece to change: made when there is none, copied first when anyone
// besides the projection holds it. Core thread only.
template <class T>
T& writable(std::shared_ptr<T>& piece) {
  if (!piece)
    piece = std::make_shared<T>();
  else if (piece.use_count() > 1)
    piece = std::make_shared<T>(*piece);
  return *piece;
}

}  // namespace nyxmon::projections
