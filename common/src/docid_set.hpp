#pragma once
// A fixed, sorted set of document ids as a Xapian posting source: rescoring restricts queries
// to plain BM25's best candidates without looking up a term per candidate. Being short, the set
// leads the match: Xapian visits only these documents.
//
// Only for one local database: ids are those of that database, and a remote server could not
// unserialise a source it does not know.
#include <vector>
#include <xapian.h>

namespace jaryo {

class DocidSet : public Xapian::PostingSource {
  public:
    explicit DocidSet(std::vector<Xapian::docid> ids); // any order, duplicates allowed

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
    std::vector<Xapian::docid> ids_;
    std::size_t at_ = 0;
    bool started_ = false;
};

} // namespace jaryo
