# Build with the Maven wrapper, run on a JRE as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY routes/ routes/
COPY config/ config/
RUN ./mvnw -B -q -DskipTests package && cp target/aiops-hub-*.jar /src/aiops-hub.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/aiops-hub aiops && mkdir -p /opt/aiops-hub/data \
    && chown -R aiops /opt/aiops-hub
WORKDIR /opt/aiops-hub
COPY --from=build /src/aiops-hub.jar ./aiops-hub.jar
# Operators mount their own versions of these over the shipped ones.
COPY routes/ routes/
COPY config/ config/
USER aiops
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
  CMD curl -fsS http://localhost:8080/actuator/health > /dev/null || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/aiops-hub/aiops-hub.jar"]
