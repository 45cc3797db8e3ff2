# Build with the Maven wrapper, run on a JRE as a non-root user.
# DockerImageLayoutTest rebuilds the runtime stage's layout from the COPY lines below and starts the hub in it.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# pom.xml bundles these into the jar as the defaults of the operator-edited files.
COPY config/ config/
COPY routes/ routes/
COPY playbooks/ playbooks/
RUN ./mvnw -B -q -DskipTests package && cp target/aiops-hub-*.jar /src/aiops-hub.jar
# Spring Boot's extracted layout (aiops-hub.jar + lib/): the JVM reads classes from plain jars instead of
# searching about 250 jars nested in one, and a class-data-sharing archive can be made for it (below).
RUN java -Djarmode=tools -jar /src/aiops-hub.jar extract --destination /src/app

FROM eclipse-temurin:17-jre
# The ansible executor runs ansible-playbook (the full package: its JSON callback is in ansible.posix) and
# reaches hosts with the OpenSSH client.
RUN apt-get update && apt-get install -y --no-install-recommends ansible openssh-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /opt/aiops-hub aiops && mkdir -p /opt/aiops-hub/data \
    && chown -R aiops /opt/aiops-hub
WORKDIR /opt/aiops-hub
COPY --from=build /src/app/lib/ ./lib/
COPY --from=build /src/app/aiops-hub.jar ./aiops-hub.jar
# The hub reads these relative to its working directory; operators mount their own versions over them.
COPY routes/ routes/
COPY config/ config/
COPY playbooks/ playbooks/
COPY runbooks/ runbooks/
USER aiops
# The serial collector: on the one or two cores a hub usually gets, it starts faster than G1 (measured: 13-14 s
# instead of 18-22 s to UP with the archive below, docs/benchmarks.md) for the same ingest figures. Override with
# JDK_JAVA_OPTIONS (e.g. -XX:+UseG1GC) on larger machines.
ENV JDK_JAVA_OPTIONS="-XX:+UseSerialGC"
# Class-data-sharing archive (README "Start-up time"): a training start by this image's JVM runs the hub in full
# (throwaway in-memory database, one-off token), is stopped once it is UP, and the JVM archives every class it
# loaded; each start then maps them instead of loading them.
COPY deploy/cds-training.sh /opt/aiops-hub/cds-training.sh
RUN ./cds-training.sh aiops-hub.jar aiops-hub.jsa && rm -rf data/* && test -s aiops-hub.jsa
EXPOSE 8080
# Neither curl nor wget is promised by the JRE image (newer Temurin images dropped curl): bash's /dev/tcp
# asks for the health status line instead. 200 means UP; DOWN and OUT_OF_SERVICE answer 503.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r _ status _ <&3 && [ \"$status\" = 200 ]"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/opt/aiops-hub/aiops-hub.jsa", "-jar", "/opt/aiops-hub/aiops-hub.jar"]
