package io.aiopshub.store;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRepository extends JpaRepository<AlertEntity, Long> {

    List<AlertEntity> findByIncidentIdOrderById(String incidentId);

    List<AlertEntity> findByFingerprintIn(java.util.Collection<String> fingerprints);
}
