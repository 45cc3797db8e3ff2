package io.aiopshub.store;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRepository extends JpaRepository<AlertEntity, Long> {

    List<AlertEntity> findByIncidentIdOrderById(String incidentId);

    List<AlertEntity> findByFingerprintIn(java.util.Collection<String> fingerprints);

    /** Alerts in {@code status} whose endsAt has passed, oldest first. */
    List<AlertEntity> findByStatusAndEndsAtLessThanEqualOrderByEndsAt(String status, java.time.Instant now,
                                                                      org.springframework.data.domain.Pageable page);

    boolean existsByStatusAndEndsAtLessThanEqual(String status, java.time.Instant now);

    /** Which of these incidents still have a firing alert. */
    @org.springframework.data.jpa.repository.Query(
            "select distinct a.incidentId from AlertEntity a where a.incidentId in :ids and a.status = 'firing'")
    List<String> findIncidentIdsWithFiringAlerts(@org.springframework.data.repository.query.Param("ids")
                                                 java.util.Collection<String> incidentIds);
}
