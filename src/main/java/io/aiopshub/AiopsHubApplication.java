package io.aiopshub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AiopsHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(AiopsHubApplication.class, args);
    }
}
