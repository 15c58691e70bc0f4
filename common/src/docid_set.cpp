#include "docid_set.hpp"

#include <algorithm>

namespace jaryo {

DocidSet::DocidSet(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

Xapian::doccount DocidSet::get_termfreq_min() const {
    return static_cast<Xapian::doccount>(ids_.size());
}

Xapian::doccount DocidSet::get_termfreq_est() const {
    return static_cast<Xapian::doccount>(ids_.size());
}

Xapian::doccount DocidSet::get_termfreq_max() const {
    return get_termfreq_est();
}

Xapian::docid DocidSet::get_docid() const {
    return ids_[at_];
}

// Xapian calls next() once before reading the first id.
void DocidSet::next(double) {
    if (started_) {
        ++at_;
    }
    started_ = true;
}

void DocidSet::skip_to(Xapian::docid id, double) {
    const std::size_t from = started_ ? at_ : 0;
    started_ = true;
    at_ = static_cast<std::size_t>(
        std::lower_bound(ids_.begin() + static_cast<long>(from), ids_.end(), id) - ids_.begin());
}

bool DocidSet::check(Xapian::docid id, double min_weight) {
    skip_to(id, min_weight);
    return true;
}

bool DocidSet::at_end() const {
    return started_ && at_ >= ids_.size();
}

DocidSet* DocidSet::clone() const {
    return new DocidSet(ids_);
}

void DocidSet::init(const Xapian::Database&) {
    at_ = 0;
    started_ = false;
}

std::string DocidSet::get_description() const {
    return "DocidSet(" + std::to_string(ids_.size()) + " documents)";
}

} // namespace jaryo
