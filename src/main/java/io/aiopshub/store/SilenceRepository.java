package io.aiopshub.store;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SilenceRepository extends JpaRepository<SilenceEntity, String> {

    /** Silences in force at {@code now}: started, not ended, not expired by hand. */
    List<SilenceEntity> findByStartsAtLessThanEqualAndEndsAtGreaterThanAndExpiredAtIsNull(Instant now, Instant now2);

    List<SilenceEntity> findAllByOrderByCreatedAtDesc();
}
