#include "app/errors.h"

#include <xapian.h>

#include "searcher/saved_queries.h"
#include "searcher/search.h"

namespace ofs::app {

Failure failure_of(const std::exception_ptr& error) {
  // Every kind is an error (exit 2) today; the kinds stay apart so that a
  // code can change in this one place.
  try {
    std::rethrow_exception(error);
  } catch (const UsageError& e) {
    return {e.what(), kExitError};
  } catch (const NotFoundError& e) {
    return {e.what(), kExitError};
  } catch (const searcher::QueryError& e) {  // malformed query, unknown facet value
    return {e.what(), kExitError};
  } catch (const searcher::SavedQueryError& e) {  // a mistake in the saved-queries file
    return {e.what(), kExitError};
  } catch (const IndexError& e) {
    return {e.what(), kExitError};
  } catch (const Xapian::Error& e) {
    return {"index error: " + e.get_description(), kExitError};
  } catch (const std::exception& e) {
    return {e.what(), kExitError};
  } catch (...) {
    return {"unexpected error", kExitError};
  }
}

}  // namespace ofs::app
