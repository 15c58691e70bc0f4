#include "docid_set.hpp"

#include <algorithm>

namespace jaryo {

DocidSet::DocidSet(std::vector<Xapian::docid> ids) : ids_(std::move(ids)) {
    std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

DocidSet* DocidSet::for_shards(const std::vector<Xapian::docid>& ids,
                               const std::vector<std::string>& shard_uuids) {
    auto by_shard = std::make_shared<ByShard>();
    const auto shards = static_cast<Xapian::docid>(shard_uuids.size());
    for (const Xapian::docid id : ids) {
        // Xapian numbers the documents of n shards in turn.
        (*by_shard)[shard_uuids[(id - 1) % shards]].push_back((id - 1) / shards + 1);
    }
    for (auto& [uuid, local] : *by_shard) {
        std::sort(local.begin(), local.end());
    }
    auto* set = new DocidSet({});
    set->by_shard_ = std::move(by_shard);
    return set;
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
    auto* copy = new DocidSet(ids_);
    copy->by_shard_ = by_shard_;
    return copy;
}

void DocidSet::init(const Xapian::Database& database) {
    if (by_shard_) {
        const auto shard = by_shard_->find(database.get_uuid());
        ids_ = shard == by_shard_->end() ? std::vector<Xapian::docid>{} : shard->second;
    }
    at_ = 0;
    started_ = false;
}

std::string DocidSet::get_description() const {
    return "DocidSet(" + std::to_string(ids_.size()) + " documents)";
}

} // namespace jaryo
