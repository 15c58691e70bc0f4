#pragma once
// A fixed, sorted set of document ids as a Xapian posting source: rescoring restricts queries
// to plain BM25's best candidates without looking up a term per candidate. Being short, the set
// leads the match: Xapian visits only these documents.
//
// Only for local databases: a remote server could not unserialise a source it does not know.
#include <map>
#include <memory>
#include <string>
#include <vector>
#include <xapian.h>

namespace jaryo {

class DocidSet : public Xapian::PostingSource {
  public:
    explicit DocidSet(std::vector<Xapian::docid> ids); // any order, duplicates allowed

    // The same for several local shards searched as one: `ids` are those of the combined
    // database, whose shards have the given UUIDs (in order, all different). Xapian gives each
    // shard the source on its own, with the shard's own ids.
    static DocidSet* for_shards(const std::vector<Xapian::docid>& ids,
                                const std::vector<std::string>& shard_uuids);

    Xapian::doccount get_termfreq_min() const override;
    Xapian::doccount get_termfreq_est() const override;
    Xapian::doccount get_termfreq_max() const override;
    Xapian::docid get_docid() const override;
    void next(double min_weight) override;
    void skip_to(Xapian::docid id, double min_weight) override;
    bool check(Xapian::docid id, double min_weight) override;
    bool at_end() const override;
    DocidSet* clone() const override;
    void init(const Xapian::Database& database) override;
    std::string get_description() const override;

  private:
    using ByShard = std::map<std::string, std::vector<Xapian::docid>>; // UUID → local ids
    std::shared_ptr<const ByShard> by_shard_;                          // null: one database
    std::vector<Xapian::docid> ids_;
    std::size_t at_ = 0;
    bool started_ = false;
};

} // namespace jaryo
