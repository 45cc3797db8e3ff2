package io.aiopshub.store;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRepository extends JpaRepository<AlertEntity, Long> {

    List<AlertEntity> findByIncidentIdOrderById(String incidentId);

    Optional<AlertEntity> findByIncidentIdAndFingerprint(String incidentId, String fingerprint);

    List<AlertEntity> findByStatus(String status);

    List<AlertEntity> findByFingerprintIn(java.util.Collection<String> fingerprints);
}
